// One line per adapter, sorted by file name.
