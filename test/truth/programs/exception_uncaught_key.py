ages = {"ana": 31}
print(ages["ana"])
print(ages["bo"])
