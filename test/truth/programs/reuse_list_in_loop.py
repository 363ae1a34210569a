for i in range(4):
    box = [i]
    print(box)
