d = {"k": [1]}
alias = d["k"]
d["k"] += [2, 3]
print(alias, len(alias))
