"""What one cell says: text, emails, lists, capacity, dates and named choices.

Shared by the map stage (which guesses a column from its values) and the
parse stage (which reads every mapped cell).
"""
