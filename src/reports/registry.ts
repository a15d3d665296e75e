// One line per reporter, sorted by file name.
