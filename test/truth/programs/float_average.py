readings = [2.5, 3.5, 4.0]
avg = sum(readings) / len(readings)
print(avg)
