"""Press and social-media monitoring: sources, ingestion, analysis, inbox, alerts, cases."""
