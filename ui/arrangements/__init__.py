"""The arrangements page (还款安排与利息): option comparison and the two calculators."""
