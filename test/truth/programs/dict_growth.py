ages = {}
ages["ana"] = 31
ages["bo"] = 25
ages["cy"] = 40
print(len(ages), ages["bo"])
