def running_total():
    total = 0
    while True:
        value = yield total
        total += value

acc = running_total()
next(acc)
acc.send(5)
result = acc.send(10)
print(result)
