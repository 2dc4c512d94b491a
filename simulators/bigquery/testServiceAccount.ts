/**
 * TEST-ONLY service account for the local BigQuery simulator. NOT A SECRET: this RSA key was
 * generated for this repository (openssl genpkey, 2048 bits) and opens nothing but the simulator,
 * which knows its public key. It is not in the published package (dist/ holds no simulator code).
 * Never register it with Google.
 */
export const SIMULATOR_PROJECT_ID = 'shop-sync-sim';

export const SIMULATOR_CLIENT_EMAIL = 'order-store@shop-sync-sim.iam.gserviceaccount.com';

export const SIMULATOR_PRIVATE_KEY_ID = 'test-only-key-0001';

export const SIMULATOR_PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----
MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQC/MFSnEWGW4Du2
ek17sOPiULKvEMm3gNc0DycI5HAKWNLoplzO1NQ5YHrwLJpUfmenNgNbtPt21paI
ZT5jRRjPBgdNE5Bwwb1e0h9u/Klh5l3xOtCEmJVv8SMUI7KIurHylml9D4zNPpQ+
NEbMKgVOY1kes8FMKJ//sL4zR0WEvqT1mt5KkFM+G6uBE/Ry2HbAJsKNd842cwVL
FCy7id+qynFDUNxJA6Cd+vNU/8C/XN149RK769AR8jx8SCFCMojXkqS/JR/NmFKv
/zoe1GOeV8d5VasT1udtyOjH0vVGeMCfIotHepP74wy/AaR4Bf9o86b8mlQclH5u
DE2cJug1AgMBAAECggEAAmtQkCJRXJ1CmRezUTdlwFVSEwjKYsqK1fUlveBBfobK
0aRtQua7+/YITSDbWups3AjBDDOFj4Qgc7rXAF7MMDhGp5r7p3wQaRm1BM8U9Dg2
+iwtTw0jEHqDrtkOLCkfrxO3AP9g83SsX8QMk0mgXrdJLr/ZTmvlo1C+Z/5k1xGk
a7yCi1UrIcHKKBxrq0a9RcBgRV0z0qcShQArXzDubHmn5VV9bSegzLpShu88wQ9D
7GHs073ZFRD7G9UInyFd9Au4MY02GWKein7fKIn1xuY8l7VQ8/SlAKrvjqlc/4MX
ZaUb64arLnEZbHDrpxASfGofYL6+461qCnc2uhs5HwKBgQDrL1Hda5tOPYsKPu8k
puHrRaf21DjB/9G7Sq+zKM7TFm4KCK4legyRaEq8lAKIQYb4HGqW6/ydsslzhGpH
HCuTVLwzNE3wbof5YHJsC/l93Or1yzTHwB546WDn9pJrN1E9uNqoZB5Caiv71Tyi
5uf5C+G0sdXYf8J5yhEHVJBqiwKBgQDQHCyWTCAtko81QQQGtZMXShDXmxuz3ItL
SPmVWiruaiOCuAdwHiGXefg0wEc6Xu9quWCjBpepcJTolcv5LqOKudQyY0K47eEs
4YwUpv9GVCy6wgtcBKlmsPlPb55rasbRzsUR75YjCg8o8bCOHbwICrIAy2l98JNq
BCLM9FwQPwKBgQCW697VAGDBbKz0/j3of08q86A9vSJPHCMy1VK63c0bmKE0vy1B
z3iRNyP+r9yQI7zBKzsbboTFjh3Ii4jH6UPtX8sF8OKzD7siRMoom+aW5lXBNY3B
QYBMhzcwpAKB2xW/TgjDVrw0Un23NbebsiHap81Hb3eTXykljo4u7g1e0QKBgQCZ
c2zdFhzT/bFjDyGs4M4o6hApKtHuebysMo72NZpaWiD9Dj1NyqnyS5ldLDpZLA9V
noNHMmE6Ky1horLYdi9Y51U0IkTcn2rd8SGdSNYKQZ8JxnMh0r4mXnA2xpMFmaIo
qlJdu0/1XkF3a19IK1yugVRniZWrq2zHS21tuvD3eQKBgF5lh0tJlDVwEDBx9CZn
pKowBzlgIir0MUPzpm0h2kYI1WY1lJcskbVZOg99snqTNkIRUX6/n8o3wBWaj9ws
60oRKyjTNOUUrp43ntKM+e71d8vddcIMoemuJu/uxLNHmDnkwNEg2vQWfQbl6thO
FqeB80jO29RK3oXUXo41ETWR
-----END PRIVATE KEY-----
`;

export const SIMULATOR_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAvzBUpxFhluA7tnpNe7Dj
4lCyrxDJt4DXNA8nCORwCljS6KZcztTUOWB68CyaVH5npzYDW7T7dtaWiGU+Y0UY
zwYHTROQcMG9XtIfbvypYeZd8TrQhJiVb/EjFCOyiLqx8pZpfQ+MzT6UPjRGzCoF
TmNZHrPBTCif/7C+M0dFhL6k9ZreSpBTPhurgRP0cth2wCbCjXfONnMFSxQsu4nf
qspxQ1DcSQOgnfrzVP/Av1zdePUSu+vQEfI8fEghQjKI15KkvyUfzZhSr/86HtRj
nlfHeVWrE9bnbcjox9L1RnjAnyKLR3qT++MMvwGkeAX/aPOm/JpUHJR+bgxNnCbo
NQIDAQAB
-----END PUBLIC KEY-----
`;

/** The key file Google Cloud Console would download for that account, pointing at nothing real. */
export function simulatorServiceAccountJson(): Record<string, string> {
	return {
		type: 'service_account',
		project_id: SIMULATOR_PROJECT_ID,
		private_key_id: SIMULATOR_PRIVATE_KEY_ID,
		private_key: SIMULATOR_PRIVATE_KEY,
		client_email: SIMULATOR_CLIENT_EMAIL,
		client_id: '100000000000000000001',
		auth_uri: 'https://accounts.google.com/o/oauth2/auth',
		token_uri: 'https://oauth2.googleapis.com/token',
	};
}
