// Entry point of the kql-detect command line.
