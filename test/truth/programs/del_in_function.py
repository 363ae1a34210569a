def work():
    temp = [0] * 10
    keep = temp[:2]
    del temp
    return keep

print(work())
