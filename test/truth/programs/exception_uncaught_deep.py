def level(n):
    if n == 0:
        return {}["nothing"]
    return level(n - 1)

level(3)
