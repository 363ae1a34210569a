school = {"a": [1, 2], "b": [3]}
school["b"].append(4)
school["c"] = school["a"]
school["c"].append(5)
print(school)
