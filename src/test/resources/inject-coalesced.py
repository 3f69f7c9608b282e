import socket, struct, sys
# usage: inject.py IFACE DST_MAC SRC_MAC SEGMENTS GSO_SIZE DPORT
ifc, dmac, smac = sys.argv[1], bytes.fromhex(sys.argv[2].replace(':','')), bytes.fromhex(sys.argv[3].replace(':',''))
n, mss, dport = int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
def csum(b):
    if len(b) % 2: b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b)//2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return s
src, dst = socket.inet_aton('172.16.11.5'), socket.inet_aton('172.16.27.70')
payload = bytes(i % 251 for i in range(n * mss))
tcp_len = 20 + len(payload)
pseudo = csum(src + dst + struct.pack('!BBH', 0, 6, 0))  # GSO: length left out, added per segment
tcp = struct.pack('!HHIIBBHHH', 40000, dport, 1000, 1, 0x50, 0x10, 65535, pseudo, 0) + payload
ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + tcp_len, 7, 0x4000, 64, 6, 0, src, dst)
ip = ip[:10] + struct.pack('!H', ~csum(ip) & 0xffff) + ip[12:]
frame = dmac + smac + b'\x08\x00' + ip + tcp
vnet = struct.pack('<BBHHHH', 1, 1, 54, mss, 34, 16)  # NEEDS_CSUM, GSO_TCPV4, hdr_len, gso_size, csum_start, csum_offset
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
s.setsockopt(263, 15, 1)  # SOL_PACKET, PACKET_VNET_HDR
s.bind((ifc, 0))
s.send(vnet + frame)
