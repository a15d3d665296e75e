// One line per metric, sorted by file name.
