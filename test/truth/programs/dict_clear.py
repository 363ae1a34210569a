cache = {1: "one", 2: "two"}
alias = cache
cache.clear()
print(alias, len(cache))
