"""Ctrl+C while a committed build records what it did: the record is finished first, then the
interrupt arrives as usual (so the next `gaoxin index` need not read the change again)."""

from __future__ import annotations

import signal
import threading

import pytest

from search.indexing.interrupts import interrupts_held


@pytest.fixture(autouse=True)
def _default_ctrl_c():
    """Each test starts under Python's own Ctrl+C handler (KeyboardInterrupt), whatever the
    test process was given, and leaves the handler it found."""
    found = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, found)


def test_ctrl_c_inside_the_block_arrives_once_it_ends() -> None:
    before = signal.getsignal(signal.SIGINT)
    steps = []
    with pytest.raises(KeyboardInterrupt), interrupts_held() as hold:
        hold()
        steps.append("saving")
        signal.raise_signal(signal.SIGINT)
        steps.append("saved")
    assert steps == ["saving", "saved"]
    assert signal.getsignal(signal.SIGINT) is before


def test_ctrl_c_before_hold_interrupts_at_once() -> None:
    steps = []
    with pytest.raises(KeyboardInterrupt), interrupts_held() as hold:
        signal.raise_signal(signal.SIGINT)
        steps.append("committed")
        hold()
    assert steps == []


def test_a_block_without_ctrl_c_ends_quietly() -> None:
    before = signal.getsignal(signal.SIGINT)
    with interrupts_held() as hold:
        hold()
    assert signal.getsignal(signal.SIGINT) is before


def test_an_ignored_ctrl_c_stays_ignored() -> None:
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with interrupts_held() as hold:
            hold()
            signal.raise_signal(signal.SIGINT)
        assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, before)


def test_outside_the_main_thread_the_block_just_runs() -> None:
    ran, errors = [], []

    def work() -> None:
        try:
            with interrupts_held() as hold:
                hold()
                ran.append(True)
        except Exception as error:  # signal.signal outside the main thread would raise
            errors.append(error)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert ran == [True] and errors == []


def test_a_second_ctrl_c_stops_at_once() -> None:
    before = signal.getsignal(signal.SIGINT)
    steps = []
    with pytest.raises(KeyboardInterrupt), interrupts_held() as hold:
        hold()
        signal.raise_signal(signal.SIGINT)
        steps.append("first held")
        signal.raise_signal(signal.SIGINT)
        steps.append("never")
    assert steps == ["first held"]
    assert signal.getsignal(signal.SIGINT) is before


def test_an_error_in_the_block_is_not_replaced_by_the_held_interrupt() -> None:
    before = signal.getsignal(signal.SIGINT)
    with pytest.raises(OSError, match="disk full"), interrupts_held() as hold:
        hold()
        signal.raise_signal(signal.SIGINT)
        raise OSError("disk full")
    assert signal.getsignal(signal.SIGINT) is before
