{{ nor this }}
