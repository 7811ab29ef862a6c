"""The package's errors: one base class, subclasses that keep their arguments as attributes.

Nothing here imports the rest of the package. The command line turns every
``LeadAnalyticsError`` into exit code 1 and one clear line.
"""

from __future__ import annotations

from pathlib import Path


class LeadAnalyticsError(Exception):
    """Base class of every error the package raises on purpose."""


class WarehouseBusy(LeadAnalyticsError):
    """Another process holds the warehouse file longer than we were willing to wait."""

    def __init__(self, path: str | Path, waited_s: float, holder: str) -> None:
        self.path = str(path)
        self.waited_s = waited_s
        self.holder = holder
        super().__init__(
            f"warehouse busy: {self.path} is held by another process ({holder}); "
            f"gave up after {waited_s:.1f} s. Retry later or raise LEADANALYTICS_BUSY_TIMEOUT."
        )


class SchemaVersionError(LeadAnalyticsError):
    """The warehouse was written by a newer version of the package than this one."""

    def __init__(self, path: str | Path, found: int, known: int) -> None:
        self.path = str(path)
        self.found = found
        self.known = known
        super().__init__(
            f"warehouse {self.path} has schema version {found}, but this leadanalytics only "
            f"knows up to version {known}: upgrade the package before opening it"
        )


class SqlFileMissing(LeadAnalyticsError):
    """A named SQL file does not exist in ``sql/``."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"no SQL file named {name!r}: create sql/{name}.sql")


class SqlError(LeadAnalyticsError):
    """A statement from ``sql/`` failed; carries the file name and the database's message."""

    def __init__(self, name: str, message: str) -> None:
        self.name = name
        self.message = message
        super().__init__(f"SQL {name} failed: {message}")


class ConfigError(LeadAnalyticsError):
    """A configuration file (phase pipeline, lookups, scheme, mapping, schedule) is invalid."""

    def __init__(self, path: str | Path, fault: str) -> None:
        self.path = str(path)
        self.fault = fault
        super().__init__(f"{self.path}: {fault}")


class PipelineConfigError(ConfigError):
    """A phase pipeline file breaks a rule of the phase model."""


class InputFileError(LeadAnalyticsError):
    """An input file cannot be read, or lacks a required column: nothing of it was loaded."""

    def __init__(self, path: str | Path, fault: str) -> None:
        self.path = str(path)
        self.fault = fault
        super().__init__(f"{self.path}: {fault}; nothing was loaded")


class NotFound(LeadAnalyticsError):
    """A record named by id does not exist."""

    def __init__(self, kind: str, key: str) -> None:
        self.kind = kind
        self.key = key
        super().__init__(f"no {kind} with id {key!r}")


class RuleViolation(LeadAnalyticsError):
    """An action breaks a rule of the domain; nothing was written."""

    def __init__(self, rule: str, message: str) -> None:
        self.rule = rule
        super().__init__(message)


class IllegalMove(RuleViolation):
    """A lifecycle move that the phase pipeline or the access rules forbid."""

    def __init__(
        self, lead_id: str, from_phase: str | None, to_phase: str | None, rule: str, detail: str
    ) -> None:
        self.lead_id = lead_id
        self.from_phase = from_phase
        self.to_phase = to_phase
        self.detail = detail
        super().__init__(
            rule,
            f"lead {lead_id} cannot move from {from_phase or '(new)'} to {to_phase}: "
            f"{detail} [rule: {rule}]",
        )


class NotAllowed(RuleViolation):
    """A person may not perform an action (role, branch, delegation window)."""

    def __init__(self, person_id: str, action: str, rule: str, detail: str) -> None:
        self.person_id = person_id
        self.action = action
        self.detail = detail
        super().__init__(rule, f"{person_id} may not {action}: {detail} [rule: {rule}]")


class ScopeViolation(LeadAnalyticsError):
    """A scope is unknown or not allowed for the person who asks for it."""

    def __init__(self, scope: str, fault: str) -> None:
        self.scope = scope
        self.fault = fault
        super().__init__(f"scope {scope!r}: {fault}")


class SchemeConfigError(ConfigError):
    """A bonus scheme file breaks a rule of bonus-rules.md ("Schemes"); nothing was loaded."""

    def __init__(self, path: str | Path, scheme: str, key: str, fault: str) -> None:
        self.scheme = scheme
        self.key = key
        super().__init__(path, f"scheme {scheme!r}, key {key!r}: {fault}")


class SchemeFrozen(RuleViolation):
    """A scheme that a bonus has used cannot be changed or removed."""

    def __init__(self, scheme: str, detail: str) -> None:
        self.scheme = scheme
        self.detail = detail
        super().__init__(
            "scheme_frozen",
            f"bonus scheme {scheme!r} is frozen: {detail}. A policy change is a new scheme with "
            "its own validity (give the old one a valid_to) [rule: scheme_frozen]",
        )


class BatchStateError(RuleViolation):
    """A payout batch step repeated or out of order."""

    def __init__(self, batch_id: str, state: str, action: str, detail: str) -> None:
        self.batch_id = batch_id
        self.state = state
        self.action = action
        self.detail = detail
        super().__init__(
            "batch_state",
            f"batch {batch_id} is {state}: cannot {action}; {detail} [rule: batch_state]",
        )


class UsageError(LeadAnalyticsError, ValueError):
    """A parameter outside its allowed values (an unknown ``output``, ``lang``, phase group,
    ``by`` column, a negative number of days): names the parameter, its value and what is allowed.

    Examples:
        >>> str(UsageError("lang", "de", ("nl", "en")))
        "lang='de' is not allowed; use one of: nl, en"
    """

    def __init__(self, parameter: str, value: object, allowed: object) -> None:
        self.parameter = parameter
        self.value = value
        self.allowed = allowed
        if isinstance(allowed, str):
            hint = allowed
        else:
            hint = "use one of: " + ", ".join(str(a) for a in allowed)
        super().__init__(f"{parameter}={value!r} is not allowed; {hint}")


class MetricArgumentError(LeadAnalyticsError):
    """A metric was asked for with arguments it does not take (a usage error on the CLI)."""

    def __init__(self, metric: str, fault: str) -> None:
        self.metric = metric
        self.fault = fault
        super().__init__(f"metric {metric}: {fault}")


class MetricUnavailable(LeadAnalyticsError):
    """A metric whose engine is not part of this installation yet."""

    def __init__(self, metric: str, fault: str) -> None:
        self.metric = metric
        self.fault = fault
        super().__init__(f"metric {metric} is not available: {fault}")


class ClockError(LeadAnalyticsError, ValueError):
    """A moment or as-of text that is no ISO date or datetime (``LEADANALYTICS_NOW``, ``--as-of``).

    ``source`` names where the text came from (the variable, or ``as-of``); also a
    ``ValueError``, as the parsers it replaces raised.
    """

    def __init__(self, source: str, value: str, fault: str) -> None:
        self.source = source
        self.value = value
        self.fault = fault
        where = f"{source}={value!r}" if source.isupper() else f"{source} {value!r}"
        super().__init__(f"{where} {fault}")


class NoWarehouse(LeadAnalyticsError):
    """No warehouse of this package at a path: nothing there, a folder, or another kind of file.

    ``found`` says what is there instead (``"nothing"``, ``"a folder"``, ``"a text file"``, ...);
    ``create`` is True when the refusal came from creating one (``init``), which never
    overwrites what it found.
    """

    def __init__(self, path: str | Path, found: str, create: bool = False) -> None:
        self.path = str(path)
        self.found = found
        self.create = create
        if create:
            message = (
                f"cannot create a warehouse at {self.path}: found {found}, which is never "
                "overwritten; choose another path"
            )
        elif found == "nothing":
            message = f"no warehouse at {self.path}; create one with `leadanalytics init`"
        else:
            message = (
                f"no warehouse at {self.path} (found {found}); create one with "
                "`leadanalytics init`"
            )
        super().__init__(message)


class UnsafeOutput(LeadAnalyticsError):
    """A file the package was asked to write was refused: a DuckDB database or its ``.wal``, a
    folder where a file belongs, a missing folder, or a path that cannot be written. Nothing was
    written."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"will not write {self.path}: {reason}; nothing was written")


class BatchInReview(RuleViolation):
    """A batch step (approve, mark paid) refused while a bonus with a line in the batch is
    `review` on the day of the step; ``leads`` holds (lead_id, why) for each such bonus."""

    def __init__(self, batch_id: str, action: str, day: str, leads: list[tuple[str, str]]) -> None:
        self.batch_id = batch_id
        self.action = action
        self.day = day
        self.leads = list(leads)
        named = "; ".join(f"{lead}: {why}" for lead, why in self.leads)
        super().__init__(
            "batch_in_review",
            f"batch {batch_id}: cannot {action} while {len(self.leads)} bonus(es) in it are "
            f"review as of {day}: {named}. Answer each with `bonuses resolve` first "
            "[rule: batch_in_review]",
        )
