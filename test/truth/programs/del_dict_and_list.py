d = {"k": [1, 2]}
lst = d["k"]
del d["k"]
print(d, lst)
del lst[0]
print(lst)
