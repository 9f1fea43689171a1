"""AMS Desk: run the AMS mentorship program from a coordinator's workstation."""

__version__ = "0.1.0"
APP_NAME = "AMS Desk"
ORG_NAME = "AMS"
