def reset(items):
    items = []
    return items

data = [1, 2]
fresh = reset(data)
print(data, fresh)
