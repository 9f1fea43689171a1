"""The matching board: waiting mentees, mentors with free places, drafts and suggestions."""

from ams_desk.gui.board.board_view import BoardView

__all__ = ["BoardView"]
