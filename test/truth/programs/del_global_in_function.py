cache = {"a": 1, "b": 2}

def drop(key):
    del cache[key]

drop("a")
print(cache)
