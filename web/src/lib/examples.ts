// Manifests the editor offers: the lesson's nginx Deployment first (the editor opens with it), then its Service.

export const NGINX_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
  labels:
    app: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports:
        - containerPort: 80
`;

export const NGINX_SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  selector:
    app: nginx
  ports:
  - port: 80
    targetPort: 80
`;

export const POD = `apiVersion: v1
kind: Pod
metadata:
  name: hello
  labels:
    app: hello
spec:
  containers:
  - name: hello
    image: busybox:1.36
    command: ["sh", "-c", "echo hello; sleep 3600"]
`;

export const EXAMPLES: Array<[string, string]> = [
  ['nginx Deployment (3 replicas)', NGINX_DEPLOYMENT],
  ['nginx Service', NGINX_SERVICE],
  ['Deployment + Service', `${NGINX_DEPLOYMENT}---\n${NGINX_SERVICE}`],
  ['A single Pod', POD],
];
