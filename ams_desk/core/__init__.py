"""The mentorship program's domain: people, sign-ups, pairs and their rules.

Nothing here imports Qt or SQLAlchemy; every rule is a plain function over the
dataclasses of :mod:`ams_desk.core.model`, answered in one place and used by
every caller (store services, the board, Suggest, the import, the CLI):

=======================================  ==============================================
question                                 where it is answered
=======================================  ==============================================
May this pair exist? (hard rules,        :mod:`~ams_desk.core.eligibility`:
sentences, override, sign-up state)      ``check_pair``, ``admit_pair``
The same for whole programs at once      :mod:`~ams_desk.core.matching` ``rule_matrices``
(fast path, property-tested equal)
Which pairs take a mentor's place; how   :mod:`~ams_desk.core.places`: ``TAKES_PLACE``,
many are free; may capacity drop         ``free_places``, ``capacity_below_taken``
Coverage; the board's figures            :mod:`~ams_desk.core.coverage`
Which step may follow which; deadlines;  :mod:`~ams_desk.core.workflow`
a sign-up's status from its pairs
How well a mentor suits a mentee         :mod:`~ams_desk.core.scoring` (``score_pair``;
                                         ``matching.score_matrix`` for many)
The best drafts for a board              :mod:`~ams_desk.core.assignment` ``suggest``
                                         (solver: :mod:`~ams_desk.core.solver`)
Who is in the waiting pool (any year);   :mod:`~ams_desk.core.pool`
the program year of a new pair
May a later meeting be recorded; how     :mod:`~ams_desk.core.meetings`
many times a pair met
What needs attention today               :mod:`~ams_desk.core.attention`
Each figure of the yearly report         :mod:`~ams_desk.core.report`
Which outbox state may follow which      :mod:`~ams_desk.core.outbox`
Is this input valid                      :mod:`~ams_desk.core.validation`
Who ranks above whom                     :mod:`~ams_desk.core.ladder`
Sorting names; "1 mentor", "2 mentors"   :mod:`~ams_desk.core.text`
=======================================  ==============================================
"""
