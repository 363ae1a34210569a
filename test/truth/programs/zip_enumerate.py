names = ["ann", "bob", "cid"]
ages = [31, 25, 40]
table = {}
for i, (name, age) in enumerate(zip(names, ages)):
    table[name] = (i, age)
print(table)
