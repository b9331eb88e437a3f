"""Identity: tiered real-name identity for residents, enterprises and staff."""
