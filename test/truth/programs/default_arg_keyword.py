def describe(item, colour="red", size=3):
    return item + ":" + colour + ":" + str(size)

print(describe("ball"))
print(describe("box", size=9))
