"""The exporters' package: where an export may be written, and writing it safely."""
