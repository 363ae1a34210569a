def work():
    big = list(range(50))
    small = big[:3]
    del big
    return small

print(work())
