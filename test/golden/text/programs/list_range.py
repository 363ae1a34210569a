a = list(range(300))
