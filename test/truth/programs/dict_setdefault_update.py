groups = {}
for word in ["apple", "avocado", "banana", "blueberry", "cherry"]:
    groups.setdefault(word[0], []).append(word)
extra = {"d": ["date"]}
groups.update(extra)
print(groups)
