data = [1, 2, 3, 4, 5, 6]
alias = data
data.clear()
print(alias, len(data))
