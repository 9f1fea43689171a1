"""The mail bridge in the GUI: the Outbox tab, templates, mail settings, emails offered by steps."""
