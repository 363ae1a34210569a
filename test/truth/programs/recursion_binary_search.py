def search(xs, target, lo, hi):
    if lo > hi:
        return -1
    mid = (lo + hi) // 2
    if xs[mid] == target:
        return mid
    if xs[mid] < target:
        return search(xs, target, mid + 1, hi)
    return search(xs, target, lo, mid - 1)

data = [2, 4, 7, 9, 12, 15, 20]
print(search(data, 12, 0, len(data) - 1))
print(search(data, 5, 0, len(data) - 1))
