name = "memory"
loud = name.upper()
print(name, loud)
