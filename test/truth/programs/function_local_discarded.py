def work():
    temp = [1, 2, 3]
    total = sum(temp)
    return total

for _ in range(3):
    print(work())
