"""Repayment arrangements and what a customer pays: the value of each arrangement option for a
segment or an account (:mod:`.options`), the card-interest calculator (:mod:`.card_interest`) and
the true annual rate of an instalment plan (:mod:`.instalment`)."""
