nums = []
for i in range(20):
    nums.append(i)
print(len(nums))
