"""Configuration as files: phase pipelines and lookup tables (TOML in, frozen objects out)."""

from leadanalytics.config.lookups import LookupValue, load_lookups
from leadanalytics.config.phase_pipeline import (
    EntityPipeline,
    Phase,
    PhaseGroup,
    PhasePipeline,
    Verb,
    load_phase_pipeline,
    parse_phase_pipeline,
    shipped_pipelines,
)

__all__ = [
    "EntityPipeline", "LookupValue", "Phase", "PhaseGroup", "PhasePipeline", "Verb",
    "load_lookups", "load_phase_pipeline", "parse_phase_pipeline", "shipped_pipelines",
]
