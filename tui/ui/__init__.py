"""The Textual explorer. Reads the data layer; never writes to it."""
