"""The reference library: records, importers, safe fetching, storage and the value index."""
