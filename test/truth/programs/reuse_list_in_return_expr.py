def wrap(n):
    parts = [n, n]
    return sum(parts)

boxes = {"total": [wrap(2)]}
print(boxes)
