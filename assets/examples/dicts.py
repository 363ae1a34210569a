# A dict grows its table as keys arrive; deleting a key frees its value.
ages = {}
ages["ada"] = 36
ages["alan"] = 41
ages["grace"] = 85
del ages["alan"]
names = list(ages)
print(ages, names)
