# An object lives while something refers to it; the last reference gone, it is freed.
data = [10, 20, 30]
alias = data
del data
alias = None
scores = [i * 100 for i in range(3)]
scores = []
print(alias, scores)
