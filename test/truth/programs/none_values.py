result = None
values = [None, 1, None]
for v in values:
    if v is not None:
        result = v
print(result)
