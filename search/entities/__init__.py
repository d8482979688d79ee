"""Entity tagging at index time: the vocabularies (taxonomy/*.yaml), parks, organisations,
amounts, industries and policy types.
"""
