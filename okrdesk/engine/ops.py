"""Every workshop operation, importable from one place."""

from okrdesk.engine.ballot_ops import ClearDots, ConfirmBallot, RedoBallot, SetPaperTally
from okrdesk.engine.idea_ops import (
    AddIdea,
    DeleteIdea,
    EditIdea,
    MergeIdeas,
    MoveIdea,
    UnmergeIdea,
)
from okrdesk.engine.key_result_ops import (
    AddKeyResult,
    DeleteKeyResult,
    EditKeyResult,
    KeyResultFields,
    MoveKeyResult,
)
from okrdesk.engine.objective_ops import (
    AlignObjective,
    CreateObjective,
    DeleteObjective,
    MakeObjectiveFromIdea,
    MergeObjectives,
    MoveObjective,
    RenameObjective,
    SplitObjective,
)
from okrdesk.engine.parent_import import ImportParentOkrs
from okrdesk.engine.phase_ops import ChangePhase
from okrdesk.engine.setup_ops import (
    AddParticipant,
    CreateCycle,
    CreateUnit,
    CreateWorkshop,
    RemoveParticipant,
    RenameOrganisation,
    RenameParticipant,
    SetTimebox,
    UpdateWorkshopSettings,
)
from okrdesk.engine.signoff_ops import ReopenWorkshop, SignOffWorkshop
from okrdesk.engine.templates import InsertTemplate
from okrdesk.engine.vote_ops import (
    ApplySelection,
    CastDot,
    CloseVoting,
    DecideTie,
    OpenVoting,
    RevealTally,
    SetObjectiveSelected,
    StartRunoff,
    WithdrawDot,
)

__all__ = [
    "AddIdea",
    "AddKeyResult",
    "AddParticipant",
    "AlignObjective",
    "ApplySelection",
    "CastDot",
    "ChangePhase",
    "ClearDots",
    "CloseVoting",
    "ConfirmBallot",
    "CreateCycle",
    "CreateObjective",
    "CreateUnit",
    "CreateWorkshop",
    "DecideTie",
    "DeleteIdea",
    "DeleteKeyResult",
    "DeleteObjective",
    "EditIdea",
    "EditKeyResult",
    "ImportParentOkrs",
    "InsertTemplate",
    "KeyResultFields",
    "MakeObjectiveFromIdea",
    "MergeIdeas",
    "MergeObjectives",
    "MoveIdea",
    "MoveKeyResult",
    "MoveObjective",
    "OpenVoting",
    "RedoBallot",
    "RemoveParticipant",
    "RenameObjective",
    "RenameOrganisation",
    "RenameParticipant",
    "ReopenWorkshop",
    "RevealTally",
    "SetObjectiveSelected",
    "SetPaperTally",
    "SetTimebox",
    "SignOffWorkshop",
    "SplitObjective",
    "StartRunoff",
    "UnmergeIdea",
    "UpdateWorkshopSettings",
    "WithdrawDot",
]
