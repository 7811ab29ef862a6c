"""Ingestion of input files into the warehouse (installed as ``leadanalytics.pipelines``)."""
