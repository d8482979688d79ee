"""Text analysis shared by every stage: 1:1 normalization (width, case, script) and
tokens (jieba words, n-grams).
"""
