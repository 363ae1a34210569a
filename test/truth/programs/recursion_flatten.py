def flatten(items):
    out = []
    for item in items:
        if isinstance(item, list):
            out = out + flatten(item)
        else:
            out.append(item)
    return out

nested = [1, [2, 3], [4, [5, 6]]]
flat = flatten(nested)
print(flat)
